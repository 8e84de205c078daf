"""A course hub: JupyterHub with one container per learner and the course exchange."""
