"""HTTP API: the FastAPI app factory (``bot.api.app.create_app``) and thin routers by domain."""
