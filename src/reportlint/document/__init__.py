"""The Document: one model of a report, whatever file format it came from."""
