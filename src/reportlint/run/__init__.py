"""Running a check: the engine, batches, the cache, discovery, suppressions, baselines, fixes."""
