# JupyterHub for an academy course: one Docker container per learner.
#
# `academy hub start` makes everything ready (images, network, exchange, first-run admin),
# writes the settings this file reads (ACADEMY_HUB_SETTINGS -> build/hub/settings.json) and
# runs `jupyterhub -f deploy/jupyterhub/jupyterhub_config.py`. Edit here what a site changes
# by hand; the README's "Running a cohort" section walks through it.
import json
import os
from pathlib import Path

import docker

c = get_config()  # noqa: F821 - provided by JupyterHub when it loads this file

s = json.loads(Path(os.environ["ACADEMY_HUB_SETTINGS"]).read_text())
state = Path(s["state"])
instance = s["instance"]

# --- where the hub listens ---------------------------------------------------------------
# The public side (the proxy) stays on the host's loopback. The hub's API and the exchange
# listen on the gateway of an internal Docker network that learners' servers are attached
# to: servers can reach the hub and nothing else (the network has no route out).
c.JupyterHub.bind_url = f"http://{s['ip']}:{s['port']}"
c.JupyterHub.hub_bind_url = f"http://{s['hub_ip']}:{s['hub_port']}"
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{s['proxy_api_port']}"
c.ConfigurableHTTPProxy.command = [s["chp"]]
c.ConfigurableHTTPProxy.pid_file = str(state / "proxy.pid")
c.JupyterHub.db_url = f"sqlite:///{state / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(state / "cookie_secret")
c.JupyterHub.cleanup_servers = True

# --- who signs in ----------------------------------------------------------------------
# Course accounts with scrypt-hashed passwords; the first start creates the admin and prints
# its password. For a real site, sign people in with the institution's identity provider:
#   pip install oauthenticator
#   c.JupyterHub.authenticator_class = "generic-oauth"   (or "github", "google", ...)
#   c.GenericOAuthenticator.client_id = "..."; c.GenericOAuthenticator.client_secret = "..."
#   c.GenericOAuthenticator.oauth_callback_url = "https://HUB/hub/oauth_callback"
#   c.GenericOAuthenticator.authorize_url / token_url / userdata_url = "..." (from the provider)
#   c.GenericOAuthenticator.manage_groups = True   (course groups from the provider's claims)
# Everything below (groups, roles, the exchange) stays the same.
c.JupyterHub.authenticator_class = "academy.hub.auth.AcademyAuthenticator"
c.AcademyAuthenticator.password_file = str(state / "passwords.json")
c.Authenticator.admin_users = {s["admin_user"]}
c.Authenticator.allow_existing_users = True  # accounts made through the REST API may sign in

# --- courses, groups and roles ---------------------------------------------------------
# Per course, two groups: learners-<course> and instructors-<course>. The exchange decides
# per course from these groups; the roles below say what each may do on the hub itself.
groups = {}
for course in s["courses"]:
    groups[f"learners-{course}"] = {"users": []}
    groups[f"instructors-{course}"] = {"users": []}
c.JupyterHub.load_groups = groups
learner_groups = [g for g in groups if g.startswith("learners-")]
instructor_groups = [g for g in groups if g.startswith("instructors-")]
c.JupyterHub.load_roles = [
    {"name": "learner", "description": "Own server and the course exchange.",
     "scopes": ["self", "access:services!service=exchange"], "groups": learner_groups},
    {"name": "instructor",
     "description": "Own server, the exchange, and a view of the cohort and its servers.",
     "scopes": ["self", "access:services!service=exchange", "admin-ui", "list:users",
                "read:users", "read:groups", "read:servers", "read:users:activity"],
     "groups": instructor_groups},
    {"name": "exchange-service", "description": "Tell which course groups a caller is in.",
     "scopes": ["list:users", "read:users:groups", "read:users:name"], "services": ["exchange"]},
    {"name": "idle-culler", "description": "Stop servers nobody has used for a while.",
     "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"],
     "services": ["idle-culler"]},
    {"name": "academy-admin", "description": "The toolkit's own account management.",
     "scopes": ["admin:users", "admin:groups", "admin:servers", "tokens", "list:services",
                "access:services!service=exchange"],
     "services": ["academy-admin"]},
]
# A server's own token (JUPYTERHUB_API_TOKEN) may also use the exchange, so `academy fetch`
# and `academy submit` inside the server act as the learner, and only as the learner.
c.Spawner.server_token_scopes = ["users:activity!user", "access:servers!user",
                                 "access:services!service=exchange"]

# --- services ----------------------------------------------------------------------------
c.JupyterHub.services = [
    {"name": "exchange", "url": f"http://{s['hub_ip']}:{s['exchange_port']}",
     "command": [s["python"], "-m", "academy.hub.exchange", "--store",
                 str(state / "exchange")],
     "display": False},
    {"name": "idle-culler",
     "command": [s["python"], "-m", "jupyterhub_idle_culler",
                 f"--timeout={int(s['cull_timeout'])}"]},
    {"name": "academy-admin", "api_token": (state / "admin-token").read_text().strip()},
]

# --- one container per learner -----------------------------------------------------------
c.JupyterHub.spawner_class = "dockerspawner.DockerSpawner"
c.DockerSpawner.image = s["default_image"]
if len(s["images"]) > 1:  # learners choose the environment when their server starts
    c.DockerSpawner.allowed_images = s["images"]
c.DockerSpawner.network_name = s["network"]
c.DockerSpawner.use_internal_ip = True
c.DockerSpawner.remove = True  # the container goes; the learner's volume stays
c.DockerSpawner.name_template = f"academy-{instance}-{{username}}"
c.DockerSpawner.notebook_dir = "/home/learner/work"
c.DockerSpawner.volumes = {
    f"academy-{instance}-{{username}}": "/home/learner/work",
    str(state / "client"): {"bind": "/opt/academy/client", "mode": "ro"},
}
c.DockerSpawner.mem_limit = s["mem_limit"]
c.DockerSpawner.cpu_limit = float(s["cpu_limit"])
c.DockerSpawner.environment = {
    "ACADEMY_EXCHANGE_URL": f"http://{s['hub_ip']}:{s['exchange_port']}/services/exchange/",
    "ACADEMY_COURSE": s["courses"][0],
    "PATH": "/opt/academy/client/bin:/opt/venv/bin:/usr/local/sbin:/usr/local/bin:"
            "/usr/sbin:/usr/bin:/sbin:/bin",
    "PYTHONPATH": "/opt/academy/client",
}
c.DockerSpawner.extra_create_kwargs = {"labels": {"academy.hub": instance}, "user": "learner"}
c.DockerSpawner.extra_host_config = {
    "cap_drop": ["ALL"], "security_opt": ["no-new-privileges"], "pids_limit": 512,
}
c.Spawner.default_url = "/lab"
c.Spawner.start_timeout = 180
c.Spawner.http_timeout = 120


def make_volume(spawner):
    """Create the learner's volume with the instance label, so teardown can find it."""
    name = f"academy-{instance}-{spawner.user.name}"
    client = docker.from_env()
    try:
        client.volumes.get(name)
    except docker.errors.NotFound:
        client.volumes.create(name, labels={"academy.hub": instance,
                                            "academy.hub.user": spawner.user.name})


c.Spawner.pre_spawn_hook = make_volume
