"""Code that runs outside the grader: in sandboxes and in the learner kernel."""
