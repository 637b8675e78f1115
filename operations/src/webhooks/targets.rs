//! Where webhooks may be sent. By default: public addresses on the web's ports (80, 443); the admin may list
//! more networks (the council's intranet ranges, `10.20.0.0/16`), on any port. Loopback, link-local (cloud
//! metadata at 169.254.169.254), private, shared and reserved ranges are refused unless listed. A URL is checked
//! when it is subscribed, and every delivery checks the addresses its host resolves to at that moment (the
//! client's own resolver refuses the others), so a name cannot be turned to an inner address later. Credentials
//! in a URL are refused: the signing secret proves the sender, and a URL is shown in logs and lists.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::sync::Arc;

use ipnet::IpNet;
use reqwest::dns::{Addrs, Name, Resolve, Resolving};

/// The ports public addresses may be reached on unless the settings say others.
pub const WEB_PORTS: [u16; 2] = [80, 443];

/// Which targets deliveries may reach.
#[derive(Debug, Clone)]
pub struct TargetPolicy {
    /// Networks reachable on any port besides the public addresses.
    pub allowed_networks: Vec<IpNet>,
    /// The ports public addresses may be reached on.
    pub public_ports: Vec<u16>,
}

impl Default for TargetPolicy {
    fn default() -> Self {
        Self { allowed_networks: Vec::new(), public_ports: WEB_PORTS.to_vec() }
    }
}

impl TargetPolicy {
    /// From the settings' lists: networks (`10.20.0.0/16`) or addresses, and ports (none: 80 and 443).
    pub fn from_settings(networks: &[String], ports: &[u16]) -> anyhow::Result<Self> {
        let allowed_networks = networks
            .iter()
            .map(|n| {
                n.parse::<IpNet>()
                    .or_else(|_| n.parse::<IpAddr>().map(IpNet::from))
                    .map_err(|_| anyhow::anyhow!("webhook target '{n}' is not an address or a CIDR range"))
            })
            .collect::<anyhow::Result<_>>()?;
        let public_ports = if ports.is_empty() { WEB_PORTS.to_vec() } else { ports.to_vec() };
        Ok(Self { allowed_networks, public_ports })
    }

    fn listed(&self, ip: IpAddr) -> bool {
        let ip = canonical(ip);
        self.allowed_networks.iter().any(|net| net.contains(&ip))
    }

    /// Whether `ip` may be reached on some port: a listed network's, or a public address.
    pub fn reachable(&self, ip: IpAddr) -> bool {
        self.listed(ip) || is_public(ip)
    }

    /// Whether `ip` may be reached on `port`.
    pub fn allows(&self, ip: IpAddr, port: u16) -> bool {
        self.listed(ip) || (is_public(ip) && self.public_ports.contains(&port))
    }

    /// Checks a URL as far as it can be without resolving its name: the scheme, no credentials, and for an
    /// address (or `localhost`) the address and port.
    pub fn check_url(&self, url: &reqwest::Url) -> Result<(), String> {
        if !matches!(url.scheme(), "http" | "https") {
            return Err("must be an http or https URL".into());
        }
        if !url.username().is_empty() || url.password().is_some() {
            return Err("must not hold a user name or password: the signature proves the sender".into());
        }
        let port = url.port_or_known_default().unwrap_or(0);
        let literal = match url.host() {
            Some(url::Host::Ipv4(ip)) => Some(IpAddr::V4(ip)),
            Some(url::Host::Ipv6(ip)) => Some(IpAddr::V6(ip)),
            Some(url::Host::Domain(name)) if is_localhost(name) => Some(IpAddr::V4(Ipv4Addr::LOCALHOST)),
            Some(url::Host::Domain(_)) => None,
            None => return Err("must name a host".into()),
        };
        match literal {
            Some(ip) if !self.allows(ip, port) => Err(format!(
                "{ip} port {port} is not a target webhooks may reach: public addresses on ports {:?}, or the \
                 networks the settings list (webhooks.allowed_targets)",
                self.public_ports
            )),
            None if !self.public_ports.contains(&port) && self.allowed_networks.is_empty() => {
                Err(format!("port {port} is not one webhooks may reach (ports {:?})", self.public_ports))
            }
            _ => Ok(()),
        }
    }

    /// Checks a URL at delivery: as [`check_url`](Self::check_url), and every address its name resolves to now.
    pub async fn check_delivery(&self, url: &reqwest::Url) -> Result<(), String> {
        self.check_url(url)?;
        let (Some(url::Host::Domain(name)), Some(port)) = (url.host(), url.port_or_known_default()) else {
            return Ok(());
        };
        let addresses: Vec<SocketAddr> =
            tokio::net::lookup_host((name, port)).await.map_err(|e| format!("cannot resolve {name}: {e}"))?.collect();
        match addresses.iter().find(|a| !self.allows(a.ip(), port)) {
            Some(refused) => Err(format!("{name} resolves to {}, which webhooks may not reach", refused.ip())),
            None => Ok(()),
        }
    }
}

/// The webhook client's resolver: the system's, keeping only addresses the policy lets deliveries reach.
pub struct FilteringResolver(pub Arc<TargetPolicy>);

impl Resolve for FilteringResolver {
    fn resolve(&self, name: Name) -> Resolving {
        let policy = self.0.clone();
        Box::pin(async move {
            let found = tokio::net::lookup_host((name.as_str(), 0)).await?;
            let allowed: Vec<SocketAddr> = found.filter(|a| policy.reachable(a.ip())).collect();
            if allowed.is_empty() {
                return Err(format!("{} resolves to no address webhooks may reach", name.as_str()).into());
            }
            Ok(Box::new(allowed.into_iter()) as Addrs)
        })
    }
}

/// A URL as logs and delivery errors may show it: without user name and password.
pub fn redacted(url: &str) -> String {
    match reqwest::Url::parse(url) {
        Ok(mut u) if !u.username().is_empty() || u.password().is_some() => {
            let _ = u.set_username("");
            let _ = u.set_password(None);
            u.to_string()
        }
        Ok(u) => u.to_string(),
        Err(_) => "(an unreadable URL)".into(),
    }
}

fn is_localhost(name: &str) -> bool {
    let name = name.trim_end_matches('.').to_ascii_lowercase();
    name == "localhost" || name.ends_with(".localhost")
}

/// An IPv4-mapped or -compatible IPv6 address as the IPv4 address it stands for.
fn canonical(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(ip, IpAddr::V4),
        v4 => v4,
    }
}

/// An address on the public internet: none of loopback, private, shared (CGNAT), link-local, documentation,
/// benchmarking, multicast, broadcast, reserved or unspecified ranges.
pub fn is_public(ip: IpAddr) -> bool {
    match canonical(ip) {
        IpAddr::V4(ip) => is_public_v4(ip),
        IpAddr::V6(ip) => is_public_v6(ip),
    }
}

fn is_public_v4(ip: Ipv4Addr) -> bool {
    let [a, b, c, _] = ip.octets();
    !(ip.is_unspecified()
        || ip.is_loopback()
        || ip.is_private()
        || ip.is_link_local()
        || ip.is_broadcast()
        || ip.is_documentation()
        || ip.is_multicast()
        || a == 0
        || (a == 100 && (64..128).contains(&b))
        || (a == 192 && b == 0 && c == 0)
        || (a == 198 && (18..20).contains(&b))
        || a >= 240)
}

fn is_public_v6(ip: Ipv6Addr) -> bool {
    let first = ip.segments()[0];
    !(ip.is_unspecified()
        || ip.is_loopback()
        || ip.is_multicast()
        || (first & 0xfe00) == 0xfc00
        || (first & 0xffc0) == 0xfe80
        || (first & 0xffc0) == 0xfec0
        || first == 0x2001 && ip.segments()[1] == 0x0db8
        || first == 0x0064 && ip.segments()[1] == 0xff9b
        || ip.segments()[..6] == [0, 0, 0, 0, 0, 0])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(text: &str) -> reqwest::Url {
        reqwest::Url::parse(text).unwrap()
    }

    #[test]
    fn inner_addresses_and_odd_ports_are_refused_unless_listed() {
        let policy = TargetPolicy::default();
        for refused in [
            "http://169.254.169.254/latest/meta-data/",
            "http://127.0.0.1:8080/",
            "http://localhost/",
            "http://10.1.2.3/",
            "http://192.168.0.1/",
            "http://[::1]/",
            "http://[::ffff:127.0.0.1]/",
            "http://[fd00::1]/",
            "http://100.64.0.1/",
            "http://0.0.0.0/",
            "https://93.184.216.34:22/",
            "https://user:secret@hooks.example.org/",
            "ftp://hooks.example.org/",
        ] {
            assert!(policy.check_url(&url(refused)).is_err(), "{refused}");
        }
        for allowed in ["https://93.184.216.34/hook", "https://hooks.example.org/in", "http://[2a00:1450::1]/"] {
            assert!(policy.check_url(&url(allowed)).is_ok(), "{allowed}");
        }
        let intranet = TargetPolicy::from_settings(&["10.20.0.0/16".into(), "127.0.0.1".into()], &[]).unwrap();
        assert!(intranet.check_url(&url("http://10.20.5.6:9000/hook")).is_ok());
        assert!(intranet.check_url(&url("http://127.0.0.1:9000/hook")).is_ok());
        assert!(intranet.check_url(&url("http://10.21.5.6/hook")).is_err());
    }

    #[test]
    fn credentials_are_left_out_of_what_is_shown() {
        assert_eq!(redacted("https://user:secret@hooks.example.org/in?a=1"), "https://hooks.example.org/in?a=1");
    }
}
