"""Model workers on Ray Serve: every card a Serve application, its replicas each a ``ModelWorker`` (backend and
batcher), reached from the gateway through ``RayModelWorker`` with the embedded worker's interface."""
