"""Conversation: the engine that decides every reply, and its typed models."""
