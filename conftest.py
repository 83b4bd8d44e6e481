"""pytest set-up shared by tests and doctests: a headless matplotlib backend."""
import matplotlib

matplotlib.use("Agg")

collect_ignore = ["ldn_comments/__main__.py", "benchmarks", "build"]
