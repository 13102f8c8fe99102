"""Transport-neutral command handlers: one module per command."""
