"""Nothing listens yet; kept so the app follows the layout of the others."""
