//! What sharing an article to each network means: which endpoint, carrying which
//! URL and words. Pure string work, so every case is tested natively.

use crate::i18n::Strings;
use crate::model::{Article, Network};
use crate::routes::public_article_url;
use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

/// Everything but RFC 3986's unreserved characters is escaped, so a value is
/// safe in any query, in `mailto:` (where `+` is not a space), and in the hash.
const COMPONENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

fn encode(value: &str) -> String {
    utf8_percent_encode(value, COMPONENT).to_string()
}

/// The article as it is shared: its address and the words that go with it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ShareTarget {
    pub url: String,
    pub title: String,
    pub summary: Option<String>,
}

impl ShareTarget {
    /// The article's public address ([`public_article_url`]): its canonical
    /// URL, or failing that its route on `origin`, the site the reader has open.
    /// reader has open (without its `#fragment`).
    pub fn for_article(article: &Article, origin: &str) -> ShareTarget {
        let url = public_article_url(article, Some(origin));
        ShareTarget {
            url,
            title: article.title.trim().to_owned(),
            summary: article
                .summary
                .as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned),
        }
    }

    /// The URL with `utm_source` naming where it was shared, so the newsroom's
    /// analytics can tell the networks apart. An existing `utm_source` is kept.
    pub fn url_from(&self, source: &str) -> String {
        let (address, fragment) = match self.url.split_once('#') {
            Some((address, fragment)) => (address, Some(fragment)),
            None => (self.url.as_str(), None),
        };
        let already_tagged = address
            .split_once('?')
            .is_some_and(|(_, query)| query.split('&').any(|pair| pair.starts_with("utm_source=")));
        let mut tagged = address.to_owned();
        if !already_tagged {
            tagged.push(if address.contains('?') { '&' } else { '?' });
            tagged.push_str("utm_source=");
            tagged.push_str(&encode(source));
        }
        if let Some(fragment) = fragment {
            tagged.push('#');
            tagged.push_str(fragment);
        }
        tagged
    }
}

/// What a share button does for a network.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ShareAction {
    /// Opens this address: the network's share page in a new tab, or `mailto:`.
    Link(String),
    /// Shows a QR code of this URL to scan in WeChat; the web cannot post there.
    WeChatQr(String),
    /// Puts this URL on the clipboard.
    Copy(String),
}

/// The share action for `network`, or `None` for a network nothing is shared to
/// (the publication's own channels: Instagram, YouTube, the app).
pub fn share_action(network: &Network, target: &ShareTarget) -> Option<ShareAction> {
    let url = encode(&target.url_from(network.key()));
    let title = encode(&target.title);
    let link = |address: String| Some(ShareAction::Link(address));
    match network {
        Network::WeChat => Some(ShareAction::WeChatQr(target.url_from("wechat"))),
        Network::Copy => Some(ShareAction::Copy(target.url.clone())),
        Network::Weibo => link(format!(
            "https://service.weibo.com/share/share.php?url={url}&title={title}"
        )),
        Network::Facebook => link(format!(
            "https://www.facebook.com/sharer/sharer.php?u={url}"
        )),
        Network::Twitter => link(format!("https://x.com/intent/tweet?url={url}&text={title}")),
        Network::LinkedIn => link(format!(
            "https://www.linkedin.com/sharing/share-offsite/?url={url}"
        )),
        Network::WhatsApp => link(format!(
            "https://wa.me/?text={}",
            encode(&format!("{} {}", target.title, target.url_from("whatsapp")))
        )),
        Network::Telegram => link(format!("https://t.me/share/url?url={url}&text={title}")),
        Network::Email => {
            let mut body = String::new();
            if let Some(summary) = &target.summary {
                body.push_str(summary);
                body.push_str("\n\n");
            }
            body.push_str(&target.url_from("email"));
            link(format!("mailto:?subject={title}&body={}", encode(&body)))
        }
        Network::Instagram
        | Network::YouTube
        | Network::App
        | Network::Mobile
        | Network::Other(_) => None,
    }
}

/// The accessible name of a network's share button, in the interface's
/// language `t`: "Share on Facebook".
pub fn share_label(network: &Network, t: &Strings) -> String {
    match network {
        Network::WeChat => t.share_on_wechat_qr.to_owned(),
        Network::Twitter => t.share_on_x.to_owned(),
        Network::Email => t.share_by_email.to_owned(),
        Network::Copy => t.copy_link.to_owned(),
        other => (t.share_on)(other.display_name()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn target(url: &str, title: &str) -> ShareTarget {
        ShareTarget {
            url: url.to_owned(),
            title: title.to_owned(),
            summary: Some("A summary & more".to_owned()),
        }
    }

    fn link(network: Network, target: &ShareTarget) -> String {
        match share_action(&network, target) {
            Some(ShareAction::Link(address)) => address,
            other => panic!("{network:?} should be a link, is {other:?}"),
        }
    }

    #[test]
    fn every_network_gets_its_endpoint_with_the_url_and_title_encoded() {
        let t = target("https://news.example.com/a/story", "Trade & \"growth\"");
        let url = "https%3A%2F%2Fnews.example.com%2Fa%2Fstory%3Futm_source%3D";
        let title = "Trade%20%26%20%22growth%22";
        assert_eq!(
            link(Network::Facebook, &t),
            format!("https://www.facebook.com/sharer/sharer.php?u={url}facebook")
        );
        assert_eq!(
            link(Network::Twitter, &t),
            format!("https://x.com/intent/tweet?url={url}twitter&text={title}")
        );
        assert_eq!(
            link(Network::Weibo, &t),
            format!("https://service.weibo.com/share/share.php?url={url}weibo&title={title}")
        );
        assert_eq!(
            link(Network::LinkedIn, &t),
            format!("https://www.linkedin.com/sharing/share-offsite/?url={url}linkedin")
        );
        assert_eq!(
            link(Network::Telegram, &t),
            format!("https://t.me/share/url?url={url}telegram&text={title}")
        );
        assert_eq!(
            link(Network::WhatsApp, &t),
            format!("https://wa.me/?text={title}%20{url}whatsapp")
        );
    }

    #[test]
    fn chinese_titles_are_utf8_percent_encoded() {
        let t = target("https://news.example.com/a/silver", "银发经济 “新蓝海”");
        assert_eq!(
            link(Network::Telegram, &t),
            "https://t.me/share/url?url=https%3A%2F%2Fnews.example.com%2Fa%2Fsilver%3Futm_source%3Dtelegram\
             &text=%E9%93%B6%E5%8F%91%E7%BB%8F%E6%B5%8E%20%E2%80%9C%E6%96%B0%E8%93%9D%E6%B5%B7%E2%80%9D"
        );
    }

    #[test]
    fn email_uses_percent_twenty_not_plus_and_carries_the_summary() {
        let t = target("https://news.example.com/a/x", "A + B = C's");
        assert_eq!(
            link(Network::Email, &t),
            "mailto:?subject=A%20%2B%20B%20%3D%20C%27s\
             &body=A%20summary%20%26%20more%0A%0Ahttps%3A%2F%2Fnews.example.com%2Fa%2Fx%3Futm_source%3Demail"
        );
    }

    #[test]
    fn utm_source_joins_an_existing_query_and_keeps_the_fragment() {
        let t = target("https://example.com/a?id=7#part-2", "t");
        assert_eq!(
            t.url_from("weibo"),
            "https://example.com/a?id=7&utm_source=weibo#part-2"
        );
        let tagged = target("https://example.com/a?utm_source=newsletter", "t");
        assert_eq!(
            tagged.url_from("weibo"),
            "https://example.com/a?utm_source=newsletter"
        );
    }

    #[test]
    fn wechat_gets_a_qr_of_the_url_and_copy_the_plain_url() {
        let t = target("https://news.example.com/a/story", "t");
        assert_eq!(
            share_action(&Network::WeChat, &t),
            Some(ShareAction::WeChatQr(
                "https://news.example.com/a/story?utm_source=wechat".to_owned()
            ))
        );
        assert_eq!(
            share_action(&Network::Copy, &t),
            Some(ShareAction::Copy(
                "https://news.example.com/a/story".to_owned()
            ))
        );
        assert_eq!(share_action(&Network::YouTube, &t), None);
        assert_eq!(share_action(&Network::Other("myspace".into()), &t), None);
    }

    #[test]
    fn share_labels_speak_the_interface_language() {
        use crate::i18n::Locale;
        let en = Locale::En.strings();
        let zh = Locale::ZhHans.strings();
        assert_eq!(share_label(&Network::Facebook, en), "Share on Facebook");
        assert_eq!(
            share_label(&Network::WeChat, en),
            "Share on WeChat (QR code)"
        );
        assert_eq!(share_label(&Network::Twitter, en), "Share on X (Twitter)");
        assert_eq!(share_label(&Network::Email, en), "Share by email");
        assert_eq!(share_label(&Network::Copy, en), "Copy link");
        assert_eq!(share_label(&Network::WeChat, zh), "分享到微信（二维码）");
        assert_eq!(share_label(&Network::Copy, zh), "复制链接");
        assert_eq!(share_label(&Network::Facebook, zh), "分享到Facebook");
        assert_eq!(share_label(&Network::Weibo, zh), "分享到微博");
        let traditional = Locale::ZhHant.strings();
        assert_eq!(
            share_label(&Network::WeChat, traditional),
            "分享到微信（QR 碼）"
        );
        assert_eq!(share_label(&Network::Copy, traditional), "複製連結");
    }

    #[test]
    fn without_a_canonical_url_the_articles_route_on_this_origin_is_shared() {
        let article = crate::model::decode_article(
            r#"{"format":1,"id":"no-canonical","title":"  Spaced  ","summary":" ","blocks":[]}"#,
        )
        .unwrap();
        let t = ShareTarget::for_article(&article, "http://127.0.0.1:8080");
        assert_eq!(t.url, "http://127.0.0.1:8080/articles/no-canonical");
        assert_eq!(t.title, "Spaced");
        assert_eq!(t.summary, None);

        let with_canonical = crate::model::decode_article(
            r#"{"format":1,"id":"c","title":"T","canonical_url":"https://news.example.com/a/c","blocks":[]}"#,
        )
        .unwrap();
        let t = ShareTarget::for_article(&with_canonical, "http://127.0.0.1:8080");
        assert_eq!(t.url, "https://news.example.com/a/c");
    }
}
