"""CLI commands, one module per concern; each has ``register(subparsers)``."""
