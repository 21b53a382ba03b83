package google

import "github.com/costgate/costgate/estimator/schema"

func containerNodePool() schema.ResourceType {
	return schema.ResourceType{Name: "google_container_node_pool", Build: buildContainerNodePool}
}

// buildContainerNodePool prices a node pool's nodes (node count × zones);
// the location and node_locations of its cluster are read through the
// cluster reference when the pool does not set its own.
func buildContainerNodePool(r schema.Resource) []schema.Component {
	p := pool{values: r.Values}
	for _, c := range r.Referenced("cluster") {
		p.clusterLocation = c.String("location")
		p.clusterNodeLocations = stringList(c, "node_locations")
		break
	}
	if p.clusterLocation == "" {
		p.clusterLocation = r.Region
	}
	region := regionOf(r.Values.String("location"))
	if region == "" {
		region = regionOf(p.clusterLocation)
	}
	return p.components(r, region)
}
