package io.ksim.apiserver;

/** The types of watch events, as the API sends them. */
public enum WatchEventType { ADDED, MODIFIED, DELETED, BOOKMARK, ERROR }
