"""Development tools, not installed: the demo and Kafka producers/collectors for tests and benchmarks."""
