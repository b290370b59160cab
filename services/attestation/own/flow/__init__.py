"""Use cases of own questions over the repositories; every change re-checks who may make it."""
