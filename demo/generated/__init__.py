"""Generated content at scale (`manage.py generate_content`): synthetic but plausible cases
and research for benchmarks and load tests, made reproducibly from a seed."""
