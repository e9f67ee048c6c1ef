"""Benchmarks for the public pages: latency, queries, throughput and a load test (`make bench`, `make loadtest`)."""
