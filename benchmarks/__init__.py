"""Performance benchmarks for GeneChat (`genechat bench`); results are printed and written as JSON, never asserted."""
