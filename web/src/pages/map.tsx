import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, queryString } from '../api.ts';
import { borders, countryShapes } from '../basemap.ts';
import { Filters, filtersFrom } from '../components/filters.tsx';
import { useI18n } from '../i18n.ts';
import type { Session } from '../main.tsx';
import { navigate, useLocation } from '../router.tsx';
import { typeColour } from '../taxonomy.ts';

interface Cluster {
  lat: number;
  lon: number;
  n: number;
  id?: string;
  type: string;
}

export function MapPage(props: { session: Session }) {
  const { t, num } = useI18n();
  const { search } = useLocation();
  const filters = filtersFrom(search);
  const key = queryString(filters);
  const el = useRef<HTMLDivElement>(null);
  const map = useRef<L.Map | null>(null);
  const layer = useRef<L.LayerGroup | null>(null);
  const [total, setTotal] = useState<number | null>(null);
  const [capped, setCapped] = useState(false);

  useEffect(() => {
    const m = L.map(el.current!, { center: [35, 40], zoom: 6, minZoom: 2, maxZoom: 16, worldCopyJump: true });
    m.attributionControl.setPrefix(false);
    if (props.session.tileUrl) {
      L.tileLayer(props.session.tileUrl, { maxZoom: 18 }).addTo(m);
    } else {
      L.geoJSON(countryShapes(), {
        interactive: false,
        style: { color: '#b8b8b8', weight: 0, fillColor: '#f1efe8', fillOpacity: 1 },
      }).addTo(m);
      L.geoJSON(borders(), { interactive: false, style: { color: '#8a8a8a', weight: 1, fill: false } }).addTo(m);
      m.attributionControl.addAttribution('Natural Earth');
    }
    layer.current = L.layerGroup().addTo(m);
    map.current = m;
    return () => m.remove();
  }, []);

  useEffect(() => {
    const m = map.current!;
    let seq = 0;
    const load = async () => {
      const mine = ++seq;
      const b = m.getBounds();
      const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));
      const bbox = [
        clamp(b.getWest(), -180, 180),
        clamp(b.getSouth(), -90, 90),
        clamp(b.getEast(), -180, 180),
        clamp(b.getNorth(), -90, 90),
      ]
        .map((x) => x.toFixed(4))
        .join(',');
      const r = await api.get<{ clusters: Cluster[]; total: number; capped: boolean }>(
        `/api/map${queryString({ ...filters, bbox, zoom: m.getZoom() })}`,
      );
      if (mine !== seq) return;
      setTotal(r.total);
      setCapped(r.capped);
      const g = layer.current!;
      g.clearLayers();
      for (const c of r.clusters) {
        if (c.n === 1 && c.id) {
          const id = c.id;
          L.circleMarker([c.lat, c.lon], {
            radius: 7,
            color: '#fff',
            weight: 2,
            fillColor: typeColour(c.type),
            fillOpacity: 0.9,
          })
            .bindTooltip(t(`type.${c.type}`))
            .on('click', () => navigate(`/incidents/${encodeURIComponent(id)}`))
            .addTo(g);
        } else {
          const size = Math.round(24 + Math.min(24, Math.log10(c.n) * 8));
          const icon = L.divIcon({ className: 'cluster', html: '', iconSize: [size, size] });
          const mk = L.marker([c.lat, c.lon], { icon, keyboard: true, title: num(c.n) }).addTo(g);
          mk.on('add', () => {
            // text content, not HTML: nothing from the data is parsed as markup
            const node = mk.getElement();
            if (node) node.textContent = num(c.n);
          });
          const node = mk.getElement();
          if (node) node.textContent = num(c.n);
          mk.on('click', () => m.setView([c.lat, c.lon], Math.min(m.getZoom() + 2, 16)));
        }
      }
    };
    const onMove = () => void load().catch(() => undefined);
    m.on('moveend', onMove);
    onMove();
    return () => m.off('moveend', onMove);
  }, [key]);

  return (
    <div class="map-page">
      <Filters path="/map" value={filters} key={key} />
      <p class="muted">
        {t('map.hint')}{' '}
        {total !== null && <strong data-testid="map-total">{t('list.total', { n: num(total) })}</strong>}{' '}
        {capped && t('map.capped', { n: num(20000) })}
      </p>
      <div ref={el} class="map" dir="ltr" data-testid="map" />
    </div>
  );
}
