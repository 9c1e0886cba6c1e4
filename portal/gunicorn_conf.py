"""gunicorn's settings for the portal: `gunicorn -c portal/gunicorn_conf.py --bind ADDRESS`.

- Workers: `WEB_CONCURRENCY` (2 by default), synchronous: a request holds one worker.
- gunicorn trusts no forwarded header to decide that a request came over HTTPS; Django does,
  and only the one named by `SECURE_PROXY_SSL_HEADER` (portal/settings/production.py).
- No access log: the portal logs each request itself, with its request id, as JSON
  (core/request_log.py); gunicorn's own messages are JSON lines on standard output too.
"""

import os

from core.json_logging import stdout_logging

wsgi_app = "portal.wsgi:application"
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
timeout = 30
graceful_timeout = 20
secure_scheme_headers = {}
forwarded_allow_ips = ""
accesslog = None
control_socket_disable = True  # one shared socket in $HOME would mix up instances
logconfig_dict = stdout_logging(os.environ.get("LOG_LEVEL", "INFO").upper())
