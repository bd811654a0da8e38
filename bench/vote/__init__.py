"""The voting load and fault benchmarks (`make bench-vote`, `make fault-vote`): a throwaway
PostgreSQL server, gunicorn serving the site, a purpose-written load generator, and the
checks run on the ballot box afterwards. Entry points: bench/vote_load.py, bench/vote_fault.py."""
