"""briefbot's runtime: command line, configuration and the messenger front ends."""
