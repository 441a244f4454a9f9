"""The benchmark and soak harness of gongkai (issue 6): `make bench`, `make soak`, `make bench-smoke`.

Not a Django app: plain modules that set Django up against a benchmark database (django_setup.py),
generate the data (data/), load the pages with wrk beside nginx and a minimal Django view (pages.py),
time the inner parts (micro.py) and write docs/benchmarks.md with a JSON file of the figures (run.py).
"""
