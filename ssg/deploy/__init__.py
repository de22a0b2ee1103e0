"""Deploy phase one: data/deploy.yaml, the nginx configuration and the deploy artefacts
(manifest.sha256, urls.txt) written beside the output folder, never in it (`<out>-deploy/`)."""
