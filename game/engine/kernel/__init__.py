"""The engine's kernel: array helpers, counter-based randomness and portable math."""
