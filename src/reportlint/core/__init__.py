"""Core types every layer shares: diagnostics and positions, errors, messages, the rule data."""
