"""Judges the monitoring rule with moto's own implementations (not ours), for test/infra/monitoring-moto.test.ts.

Reads one JSON object on stdin: {"pattern": str, "transformer": {"inputPaths": {...}, "inputTemplate": str},
"filters": [str], "events": [event]}. Writes one JSON object: for each event, whether the rule's pattern
matches it (moto.events.models.EventPattern), the target's input as the transformer makes it
(moto.events.utils.EventTemplateParser) and, for the written message, which filter patterns match it
(moto.logs.utils.EventMessageFilter, the matcher behind FilterLogEvents), with the kind moto parsed each as.
Exits 3 when moto is absent.
"""
import json
import sys

try:
    from moto.events.models import EventPattern
    from moto.events.utils import EventTemplateParser
    from moto.logs.utils import EventMessageFilter
except ImportError:
    sys.exit(3)

request = json.load(sys.stdin)
pattern = EventPattern.load(request["pattern"])
transformer = request["transformer"]
filters = [EventMessageFilter(text) for text in request["filters"]]
results = []
for event in request["events"]:
    matched = pattern.matches_event(event)
    written = None
    matching = []
    if matched:
        written = EventTemplateParser.parse(transformer["inputTemplate"], transformer["inputPaths"], event)
        matching = [text for text, f in zip(request["filters"], filters) if f.matches(written["message"])]
    results.append({"matched": matched, "written": written, "filters": matching})
kinds = [type(f.filter_type).__name__ for f in filters]
json.dump({"results": results, "filterKinds": kinds}, sys.stdout)
