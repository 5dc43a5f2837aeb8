"""Performance benchmarks for GeneChat (`python -m benchmarks`); results are printed and written as JSON, never asserted."""
