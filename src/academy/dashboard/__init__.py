"""The cohort dashboard: grading records aggregated for an instructor, shown with voila.

``data`` loads ``academy grade --out DIR`` folders into pandas frames and
aggregates them; ``cohort.ipynb`` draws them; ``serve`` starts voila on the
loopback interface for a list of results folders.
"""
