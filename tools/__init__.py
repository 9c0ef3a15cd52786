"""Developer tools behind scripts/lighthouse and scripts/bench (not part of the generator)."""
