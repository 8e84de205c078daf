"""Late-delivery prediction: feature code and model."""
