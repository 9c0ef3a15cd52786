"""The Zensical adapter: the generator as a step before ``zensical build`` and ``zensical serve``."""
