package net.ipmpd.engine;

import net.ipmpd.engine.action.Action;
import net.ipmpd.engine.notify.Notification;

/**
 * Where a step of the engine puts its results, in order. Actions come before the notifications
 * that describe them, so an adapter can act first and log after.
 */
public interface EngineOutput {
    void act(Action action);

    void notify(Notification notification);

    /** Drops everything; for callers that only want the state change. */
    EngineOutput DISCARD = new EngineOutput() {
        @Override
        public void act(Action action) {
        }

        @Override
        public void notify(Notification notification) {
        }
    };
}
