"""Parses a network-config file with cloud-init's network state parser and renders it for netplan.

usage: parse_network_config.py FILE  -> rc 0 and one line per interface: name type subnet-types; then the netplan file
"""
import glob
import os
import sys
import tempfile

from cloudinit import util
from cloudinit.net import netplan
from cloudinit.net.network_state import parse_net_config_data

config = util.load_yaml(open(sys.argv[1], encoding="utf-8").read())
state = parse_net_config_data(config, skip_broken=False)
for iface in state.iter_interfaces():
    print(iface["name"], iface["type"], ",".join(s["type"] for s in iface.get("subnets", [])))
target = tempfile.mkdtemp()
netplan.Renderer({"netplan_path": "etc/netplan/50-cloud-init.yaml", "postcmds": False}).render_network_state(
    state, target=target)
for path in glob.glob(os.path.join(target, "etc/netplan/*.yaml")):
    print(open(path, encoding="utf-8").read())
