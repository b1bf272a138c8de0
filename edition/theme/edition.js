// edition script
