"""Build: `make data` and `make report`: staging, manifest, up-to-date key, kernel, batches."""
