"""honolint: lint Kafka producer configurations against Eclipse Hono's delivery semantics."""

__version__ = "0.1.0.dev0"
