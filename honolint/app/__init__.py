"""The run: the option table, the plan of one run, linting its files, executing it."""
