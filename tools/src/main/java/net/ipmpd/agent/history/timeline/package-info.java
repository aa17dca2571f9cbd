/**
 * The timeline page (ipmpstat -e --html): {@link net.ipmpd.agent.history.timeline.TimelineModel}
 * turns entries into lanes, address bars, moves and markers; {@link
 * net.ipmpd.agent.history.timeline.Incident} cuts them into failovers with their steps;
 * {@link net.ipmpd.agent.history.timeline.TimelinePage} writes one self-contained HTML file with the
 * data, the step tables, and the script (timeline.js) that draws and zooms the SVG.
 */
package net.ipmpd.agent.history.timeline;
