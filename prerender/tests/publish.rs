//! `broadsheet-publish` as a CMS's publish hook runs it: the real binary,
//! its exit status, and what it prints on each stream.

use std::path::Path;
use std::process::{Command, Output};

fn publish(arguments: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_broadsheet-publish"))
        .args(arguments)
        .output()
        .expect("broadsheet-publish runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn check_passes_the_sample_articles_and_names_each_problem_by_its_path() {
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("../content/articles");
    let seed = samples.join("guangdong-korea-trade-record.json");
    let chinese = samples.join("zhongshan-silver-economy.json");
    let passed = publish(&["check", seed.to_str().unwrap(), chinese.to_str().unwrap()]);
    assert!(passed.status.success(), "{}", text(&passed.stderr));
    assert_eq!(
        text(&passed.stdout),
        "",
        "check changes nothing, so names no path"
    );

    let folder = std::env::temp_dir().join(format!("publish-check-{}", std::process::id()));
    std::fs::create_dir_all(&folder).unwrap();
    let broken = folder.join("broken.json");
    std::fs::write(
        &broken,
        r#"{"format":1,"id":"broken","title":"","blocks":[{"type":"paragraph","text":"ok"},{"type":"image","alt":"no source"}],"published":"yesterday"}"#,
    )
    .unwrap();
    let not_json = folder.join("cut.json");
    std::fs::write(&not_json, r#"{"format":1,"id":"cut","#).unwrap();
    let refused = publish(&[
        "check",
        seed.to_str().unwrap(),
        broken.to_str().unwrap(),
        not_json.to_str().unwrap(),
    ]);
    assert_eq!(refused.status.code(), Some(1));
    assert_eq!(text(&refused.stdout), "");
    let said = text(&refused.stderr);
    for expected in [
        format!("{}: /title:", broken.display()),
        format!("{}: /blocks/1:", broken.display()),
        format!("{}: /published:", broken.display()),
        format!("{}: not JSON:", not_json.display()),
    ] {
        assert!(said.contains(&expected), "no {expected:?} in:\n{said}");
    }
    assert!(!said.contains("guangdong-korea-trade-record"), "{said}");
    std::fs::remove_dir_all(folder).unwrap();

    let unknown = publish(&["chek", seed.to_str().unwrap()]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(text(&unknown.stderr).contains("usage: broadsheet-publish"));
}
