package dev.arf.core.incident;

/** An incident was asked to move to a state its lifecycle does not allow from where it is. */
public final class IllegalIncidentTransitionException extends IllegalStateException {
    public IllegalIncidentTransitionException(String incidentId, IncidentState from, IncidentState to) {
        super("incident " + incidentId + " cannot go from " + from + " to " + to);
    }
}
