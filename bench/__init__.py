"""The benchmark: generated decision logs with real git history, and a runner that times `adr`.

`python -m bench.generate` builds one log; `python -m bench.run` (`make bench`) times every
command on logs of 100, 1,000 and 10,000 ADRs and writes `bench/RESULTS.md`.
"""
