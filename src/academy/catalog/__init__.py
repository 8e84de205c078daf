"""The content model: modules, exercises, skills, and the catalog linter."""
