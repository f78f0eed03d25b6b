#!/usr/bin/env python3
"""A second client of keyhost's JSON-RPC protocol, in another language.

It speaks raw JSON-RPC 2.0 over a Unix socket, one JSON object per line,
with nothing but Python's standard library, and walks through the
protocol as server/PROTOCOL.md describes it: hello, the cmdlet list, an
object fetched by one call and passed back by reference to the next,
views, a script, and the errors bad requests get. It prints one line per
check and exits 1 at the first one that fails.

Usage: client.py SOCKET_PATH
"""

import json
import socket
import sys


class Client:
    def __init__(self, path):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.connect(path)
        self.file = self.sock.makefile("rwb")
        self.next_id = 0

    def send_raw(self, data):
        self.file.write(data)
        self.file.flush()

    def read(self):
        line = self.file.readline()
        if not line:
            raise RuntimeError("the server closed the connection")
        return json.loads(line)

    def call(self, method, params=None):
        self.next_id += 1
        request = {"jsonrpc": "2.0", "id": self.next_id, "method": method}
        if params is not None:
            request["params"] = params
        self.send_raw((json.dumps(request) + "\n").encode("utf-8"))
        response = self.read()
        if response.get("id") != self.next_id:
            raise RuntimeError("response id %r for request %r" % (response.get("id"), self.next_id))
        return response


def check(name, ok, detail=""):
    print(("ok   " if ok else "FAIL ") + name + ("" if ok else ": " + detail))
    if not ok:
        sys.exit(1)


def main():
    c = Client(sys.argv[1])

    hello = c.call("keyhost.hello", {"client": "client.py"})["result"]
    check("hello", hello["server"] == "keyhost" and hello["protocolVersion"].startswith("1."), repr(hello))

    cmdlets = {x["name"]: x for x in c.call("cmdlet.list")["result"]["cmdlets"]}
    check("cmdlet.list has Set-VM", "Set-VM" in cmdlets and cmdlets["Set-VM"]["supportsShouldProcess"], repr(list(cmdlets)))
    params = {p["name"]: p for p in cmdlets["Set-VM"]["parameters"]}
    check("Set-VM -SkipHardDisks is a switch", params["SkipHardDisks"]["switch"], repr(params.get("SkipHardDisks")))

    got = c.call("cmdlet.invoke", {"name": "Get-VM", "parameters": {"Name": "web01"}})["result"]
    vm = got["output"][0]
    check("Get-VM object", vm["$ref"] == "VirtualMachine-vm-101" and vm["$string"] == "web01"
          and vm["$type"].endswith("UniversalVirtualMachineImpl") and vm["$lazy"] == ["ExtensionData"], repr(vm)[:300])

    kp = c.call("cmdlet.invoke", {"name": "Get-KeyProvider", "parameters": {"Name": "NKP-Secondary"}})["result"]["output"][0]
    check("key provider reference", kp["$ref"] == "KeyProvider-NKP-Secondary", repr(kp)[:300])

    # The objects go back as they came; the server resolves "$ref".
    res = c.call("cmdlet.invoke", {"name": "Set-VM", "parameters": {
        "VM": vm, "KeyProvider": kp, "SkipHardDisks": True, "Confirm": False}})["result"]
    check("Set-VM by reference", res["errors"] == [] and res["output"][0]["$ref"] == "VirtualMachine-vm-101", repr(res)[:400])

    view = c.call("object.get", {"ref": vm["$ref"], "property": "ExtensionData"})["result"]["value"]
    check("ExtensionData on request", view["Config"]["KeyId"]["ProviderId"]["Id"] == "NKP-Secondary", repr(view)[:300])

    res = c.call("cmdlet.invoke", {"name": "Set-VM", "parameters": {
        "VM": "db01", "KeyProvider": {"$ref": "KeyProvider-NKP-Secondary"}, "SkipHardDisks": True}})["result"]
    errs = res["errors"]
    check("no Confirm: fails as pwsh -NonInteractive", len(errs) == 1 and errs[0]["terminating"]
          and "NonInteractive" in errs[0]["message"], repr(errs))

    res = c.call("script.run", {"script": "Write-Host 'hi'; Write-Warning 'w'; (Get-VM).Count"})["result"]
    check("script.run", res["output"] == [11] and res["host"] == "hi\n" and res["warnings"] == ["w"], repr(res))

    c.send_raw(b"{not json\n")
    r = c.read()
    check("malformed JSON", r["id"] is None and r["error"]["code"] == -32700, repr(r))

    r = c.call("vm.deleteEverything")
    check("unknown method", r["error"]["code"] == -32601, repr(r))

    r = c.call("cmdlet.invoke", {"name": 42})
    check("wrong parameter type", r["error"]["code"] == -32602 and '"name" must be a string' in r["error"]["message"], repr(r))

    r = c.call("cmdlet.invoke", {"name": "Get-VM", "parameters": {"Name": {"$ref": "VirtualMachine-vm-424242"}}})
    check("stale reference", r["error"]["code"] == -32602, repr(r))

    r = c.call("keyhost.hello")
    check("still connected", "result" in r, repr(r))


if __name__ == "__main__":
    main()
