#!/bin/sh
# Joins couchdb-2 and couchdb-3 to couchdb-1 and finishes the cluster (CouchDB's /_cluster_setup).
# Run once by the couchdb-setup service of compose.yaml; safe to run again.
set -eu
auth="$COUCHDB_USER:$COUCHDB_PASSWORD"
coordinator=http://couchdb-1:5984

state=$(curl -fsS -u "$auth" "$coordinator/_cluster_setup")
case "$state" in
  *cluster_finished*) echo "CouchDB cluster already set up"; exit 0 ;;
esac

for node in couchdb-2 couchdb-3; do
  curl -fsS -u "$auth" -X POST -H 'content-type: application/json' "$coordinator/_cluster_setup" \
    -d "{\"action\":\"enable_cluster\",\"bind_address\":\"0.0.0.0\",\"username\":\"$COUCHDB_USER\",\"password\":\"$COUCHDB_PASSWORD\",\"port\":5984,\"node_count\":3,\"remote_node\":\"$node\",\"remote_current_user\":\"$COUCHDB_USER\",\"remote_current_password\":\"$COUCHDB_PASSWORD\"}"
  curl -fsS -u "$auth" -X POST -H 'content-type: application/json' "$coordinator/_cluster_setup" \
    -d "{\"action\":\"add_node\",\"host\":\"$node\",\"port\":5984,\"username\":\"$COUCHDB_USER\",\"password\":\"$COUCHDB_PASSWORD\"}"
done
curl -fsS -u "$auth" -X POST -H 'content-type: application/json' "$coordinator/_cluster_setup" -d '{"action":"finish_cluster"}'
curl -fsS -u "$auth" "$coordinator/_membership"
echo "CouchDB cluster set up"
