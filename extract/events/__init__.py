"""Events: the taxonomy of kinds, trigger matching, participants with roles, status and time.

``extraction`` finds event mentions in a parsed article; ``taxonomy`` reads the kinds from
the dbt seed; ``status`` reads the status off the trigger's clause; ``names`` splits named
events ("G20 Summit") from their organiser before entities are linked.
"""

from extract.events.extraction import EventMention, extract_events, reported_spans
from extract.events.names import split_event_names
from extract.events.taxonomy import Taxonomy, load_taxonomy

__all__ = ["EventMention", "Taxonomy", "extract_events", "load_taxonomy", "reported_spans", "split_event_names"]
