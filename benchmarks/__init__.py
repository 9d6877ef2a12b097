"""Benchmarks of the data engine and the site build (`make bench`, writes BENCHMARKS.md).

Not part of `make test`: speed is measured here, never by a timed test.
"""
