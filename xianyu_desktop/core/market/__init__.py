"""The market of one item (PROTOCOL.md, "Same-item comparison"): what product a title names, which
listings are that product, and where the item's price stands among them. Pure: no Qt, no network, no
storage; gathering the comparables is the caller's."""
