"""Settings: the project's settings files, supplied values, and what each value may be."""
