/** A worker of the command line's pool. */
export {};
