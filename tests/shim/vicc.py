"""Test-only virtual smart card: connects to vpcd (vsmartcard) and answers with a chosen ATR.

Usage: python3 vicc.py PORT ATR_HEX
Debian 12 packages virtualsmartcard outside Python's path and ships pycryptodome as
`Cryptodome`, while virtualsmartcard imports `Crypto`: both are fixed up here.
"""
import sys

sys.path.insert(0, "/usr/lib/python3/site-packages/virtualsmartcard")
try:
    import Crypto  # noqa: F401
except ImportError:
    import importlib
    import Cryptodome

    sys.modules["Crypto"] = Cryptodome
    for name in ("Cipher", "Hash", "PublicKey", "Random", "Util", "Signature", "Protocol"):
        try:
            sys.modules["Crypto." + name] = importlib.import_module("Cryptodome." + name)
        except ImportError:
            pass

import logging

from virtualsmartcard.VirtualSmartcard import VirtualICC

port = int(sys.argv[1])
atr = bytes.fromhex(sys.argv[2].replace(" ", "").replace(":", ""))
icc = VirtualICC(None, "iso7816", "127.0.0.1", port, logginglevel=logging.WARNING)
icc.os.atr = atr
icc.os.getATR = lambda: atr
print("connected", flush=True)
icc.run()
