"""What the report keeps of the findings: selection, the baseline, fingerprints."""
