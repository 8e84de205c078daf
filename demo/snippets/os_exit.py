# The notebook kills its own process before any function can be called.
import os

os._exit(0)
